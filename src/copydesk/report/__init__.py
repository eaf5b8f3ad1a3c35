"""Report: render analyses, audits and interviews as json, md, text or html."""

"""Evaluation against external attribution corpora (PolNeAR, PARC conventions); no data shipped."""

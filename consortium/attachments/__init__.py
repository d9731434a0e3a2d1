"""Files attached to records: drawings, lab notebooks, prior art, office actions, scans."""

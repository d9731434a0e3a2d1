"""Licences of protected IP: inquiry, NDA, term sheets, approval, signatures, royalties."""

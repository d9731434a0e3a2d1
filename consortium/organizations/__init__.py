"""Organisations: universities, institutes, enterprises, public bodies, funds; their signatory."""

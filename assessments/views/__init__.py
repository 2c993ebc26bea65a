"""Thin views, one module per capability: parse the request, ask `permissions`, call
services/selectors, render."""

"""PDF report and charts of an assessment (see pdf.py, charts.py)."""

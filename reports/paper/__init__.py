"""The board paper: its pre-filled text (drafting), its sections and their markup, the counts
of grades (figures), Annex A (annex) and Annex B (trend_annex), the structure every output
renders (structure), and the PDF and Word files (pdf; docx, docx_annex, docx_cells, and
chart_png for the Word file's chart)."""

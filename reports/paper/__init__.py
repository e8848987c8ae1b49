"""The board paper: its pre-filled text (drafting), its sections and their markup, the counts
of grades (figures), Annex A (annex) and Annex B (trend_annex), the structure every output
renders (structure), and the PDF and Word files (pdf, docx)."""

"""The Decree's facts (Nghị định 30/2020/NĐ-CP), written once and read by both the generator and the checker.

kinds (document types, abbreviations, forms), texts (Quốc hiệu, Tiêu ngữ, fixed words), forms (dates,
numbering labels, capitals), layout (page and block geometry), metrics (Times New Roman widths, written by
make_metrics from Liberation Serif), doc_so (numbers and amounts in words) and parts (the glossary: one
code name per part of the document). Nothing here reads files or knows a workspace.
"""

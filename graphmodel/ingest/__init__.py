"""Reports in, cited facts out: propose a report's facts, review them, write seed facts.

formats      reading text, Markdown, HTML, PDF and DOCX into blocks
paragraphs   paragraphs with the document's own numbering as ref, tables, sentences
mentions     known entities by every form reports use; abbreviations; new entities
relations    relationships from trigger phrases, in the schema's types
statuses     lifecycle statuses;  money: figures;  dates: date phrases
registers    register tables, handed to the register import
ingester     the pipeline;  proposals: the proposals file;  review: decisions, writing
"""

from graphmodel.ingest.ingester import check_document_id, ingest_file, propose
from graphmodel.ingest.proposals import as_json, dump_proposals, read_proposals, write_proposals
from graphmodel.ingest.review import accepted_facts, decide, merge, write_accepted

__all__ = [
    "ingest_file",
    "propose",
    "check_document_id",
    "as_json",
    "dump_proposals",
    "read_proposals",
    "write_proposals",
    "decide",
    "merge",
    "accepted_facts",
    "write_accepted",
]

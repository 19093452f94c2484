"""Embeddings, FAISS and lexical indexes, hybrid search. May import `finnish` and `corpora`."""

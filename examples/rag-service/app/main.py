"""HTTP entry point."""

from fastapi import FastAPI

from app.generate import answer
from app.retrieval import embed, rerank

app = FastAPI(title="support assistant")


@app.post("/ask")
def ask(question: str) -> dict[str, str]:
    passages = rerank(question, ["..."])
    embed([question])
    return {"answer": answer(question, "\n".join(passages[:3]))}

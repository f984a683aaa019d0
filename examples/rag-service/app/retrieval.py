"""Embedding and re-ranking for retrieval."""

import os

from sentence_transformers import CrossEncoder, SentenceTransformer
from sklearn.linear_model import LogisticRegression

from app.settings import settings

RERANKER = os.getenv("RERANKER_MODEL", "cross-encoder/ms-marco-MiniLM-L-6-v2")

embedder = SentenceTransformer(settings.embedding_model)
reranker = CrossEncoder(RERANKER)

# A classic classifier for routing; a "model" variable that is not an AI model dependency.
model = LogisticRegression()


def embed(texts: list[str]):
    return embedder.encode(texts, normalize_embeddings=True)


def rerank(query: str, passages: list[str]) -> list[str]:
    scores = reranker.predict([(query, p) for p in passages])
    return [p for _, p in sorted(zip(scores, passages), reverse=True)]

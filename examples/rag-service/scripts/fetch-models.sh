#!/bin/sh
# Pre-fetch weights into the image cache.
set -e
huggingface-cli download BAAI/bge-small-en-v1.5
huggingface-cli download cross-encoder/ms-marco-MiniLM-L-6-v2

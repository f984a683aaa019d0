# ignored by .gitignore: must not appear in the BOM
from transformers import AutoModel
AutoModel.from_pretrained("meta-llama/Llama-2-7b-hf")

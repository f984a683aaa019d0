"""Service settings, overridable from the environment."""

from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    generator_model: str = "Qwen/Qwen2.5-7B-Instruct"
    generator_revision: str = "a09a35458c702b33eeacc393d103063234e8bc28"
    embedding_model: str = "BAAI/bge-small-en-v1.5"
    fallback_model: str = "deepseek-chat"
    deepseek_base_url: str = "https://api.deepseek.com/v1"


settings = Settings()

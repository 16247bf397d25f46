"""Configuration, read once from the environment (and a .env file if present)."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "REPO_ROOT", "DEFAULT_SEED_DIR"]

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEED_DIR = REPO_ROOT / "seed"


class Settings(BaseSettings):
    """Every setting the product reads. Neo4j's own variable names are used for Neo4j."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", case_sensitive=False)

    neo4j_uri: str | None = Field(
        default=None, description="bolt://, neo4j:// or neo4j+s:// URI; unset = embedded FalkorDB"
    )
    neo4j_username: str = Field(default="neo4j", description="Neo4j user")
    neo4j_password: SecretStr | None = Field(default=None, description="Neo4j password")
    neo4j_database: str | None = Field(
        default=None, description="Neo4j database (server default if unset)"
    )

    collabgraph_data_dir: Path = Field(
        default_factory=lambda: Path(user_data_dir("collabgraph")),
        description="Where the embedded engine keeps its data",
    )
    collabgraph_graph: str = Field(
        default="collabgraph", description="Graph name (embedded engine)"
    )
    collabgraph_seed_dir: Path = Field(default=DEFAULT_SEED_DIR, description="The curated dataset")
    collabgraph_cypher_console: bool = Field(
        default=False, description="Enable the read-only Cypher console POST /api/cypher"
    )
    collabgraph_console_timeout_ms: int = Field(default=5000, ge=1, le=600_000)
    collabgraph_console_row_limit: int = Field(default=1000, ge=1, le=100_000)
    collabgraph_console_concurrency: int = Field(
        default=1, ge=1, le=16, description="Console queries run at once; more answer 503"
    )
    collabgraph_console_memory_mb: int = Field(
        default=512, ge=16, le=65_536, description="Memory one console query may use (MB)"
    )
    collabgraph_engine_memory_mb: int = Field(
        default=1024,
        ge=64,
        le=1_048_576,
        description="Memory cap of the embedded engine (MB); must hold the graph twice",
    )
    collabgraph_query_timeout_ms: int = Field(default=30_000, ge=1)
    collabgraph_answer_cache_mb: int = Field(
        default=64, ge=0, description="Answers kept in memory per graph version (0 = none)"
    )
    collabgraph_version_check_s: float = Field(
        default=0.5, gt=0, le=60, description="How often the API looks for a reloaded graph"
    )

    @property
    def engine_kind(self) -> str:
        """'neo4j' when NEO4J_URI is set, else 'falkordb' (embedded)."""
        return "neo4j" if self.neo4j_uri else "falkordb"

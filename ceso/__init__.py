"""CESO, the Central Eurasian Security Ontology: build, query and serve the knowledge graph."""

__version__ = "0.1.0"

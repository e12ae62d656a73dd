"""Links between CESO and Wikidata: check them (`ceso links check`), fetch facts of the linked items into
their own named graph (`ceso links pull`), and offer our sourced memberships back to Wikidata as
QuickStatements (`ceso export --format quickstatements`).

Modules, one job each: wdqs (the SPARQL client: User-Agent, retries, request budget), linked (our links,
read from a build), check, pull, quickstatements, cli (the `ceso links` subcommands).
"""

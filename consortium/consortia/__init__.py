"""Industrial-scientific technological consortia: members, contributions, the agreement."""

"""Pure domain of Storeside: vocabulary, life cycles and rules, with no I/O."""

"""The static HTML review site of an output folder (`extract report`)."""

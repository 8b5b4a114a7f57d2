"""Data that is not anyone's: the demo cohort (``demo*``) and synthetic cohorts at scale for
benchmarks (``synthetic*``), and the commands that write them (``commands``)."""

"""The build pipeline, one module per stage: load → validate → number → compute → render → write (→ pdf).

Each stage takes the previous one's output and adds located errors to a shared list; the orchestrators
(engine.build and engine.issue) call engine.errors.stop_on between stages, so a failed run writes nothing.
"""

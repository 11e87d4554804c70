"""Running workflows: step context, the interpreter, event dispatch and timers."""

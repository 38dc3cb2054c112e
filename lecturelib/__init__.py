"""lecturelib: the tested code behind the notebooks on sequences and recurrent networks.

Math (numpy only): rnn, lstm, gru, losses, embedding, optim, gradcheck, activations.
Drawings: lecturelib.drawing; widgets: lecturelib.widgets; exercise checks: lecturelib.checks.
"""
__version__ = "0.1.0"

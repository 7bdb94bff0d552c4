"""Public: the ML mathematics the notes' checks compute with, batched over a leading axis of instances
(NumPy/SciPy, SymPy where a closed form is printed). It never imports the engine.

* :mod:`verify.maths.models`: models, losses, gradient flows, the batched integrator;
* :mod:`verify.maths.kernels`: arc-cosine/NTK kernels of ReLU networks, finite-width Gram matrices;
* :mod:`verify.maths.features`: feature models and flows of note 002 (ReLU, tanh networks, landscapes);
* :mod:`verify.maths.losses`: losses, desingularizers and KL flows of note 003 (its notation, W_0, bilinear
  forms, Rayleigh quotients and ranks, is in :mod:`verify.notation`);
* :mod:`verify.maths.regimes`: kernel and rich regimes (implicit-bias potentials, minimisers, flows).
"""

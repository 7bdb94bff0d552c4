"""Public: the ML mathematics the notes' checks compute with, batched over a leading axis of instances
(NumPy/SciPy, SymPy where a closed form is printed). It never imports the engine.

* :mod:`verify.maths.flows`: the one batched integrator (explicit, fixed-step and stiff modes);
* :mod:`verify.maths.models`: models, losses and their gradient flows;
* :mod:`verify.maths.kernels`: the arc-cosine kernel family and the NTKs of ReLU networks built from
  it, finite-width Gram matrices;
* :mod:`verify.maths.features`: feature models and flows of note 002 (ReLU, tanh networks, landscapes);
* :mod:`verify.maths.losses`: losses, desingularizers and KL flows of note 003 (its notation, W_0, bilinear
  forms, Rayleigh quotients and ranks, is in :mod:`verify.notation`);
* :mod:`verify.maths.regimes`: kernel and rich regimes (implicit-bias potentials, minimisers, flows).
"""

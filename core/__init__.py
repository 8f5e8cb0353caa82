"""Cross-cutting helpers every app may use: plain modules, no models, not a Django app.

``core`` imports no app of the project; any app may import it.
"""

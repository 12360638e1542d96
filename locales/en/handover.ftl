# fondo: the handover messages (en). Keys: the registry in the code that uses them.

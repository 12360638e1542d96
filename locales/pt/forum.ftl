# fondo: the forum messages (pt). Keys: the registry in the code that uses them.

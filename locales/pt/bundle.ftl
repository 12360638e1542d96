# fondo: the bundle messages (pt). Keys: the registry in the code that uses them.

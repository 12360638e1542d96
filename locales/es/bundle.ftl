# fondo: the bundle messages (es). Keys: the registry in the code that uses them.

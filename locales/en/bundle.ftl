# fondo: the bundle messages (en). Keys: the registry in the code that uses them.

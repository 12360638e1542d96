# fondo: the bundle messages (fr). Keys: the registry in the code that uses them.

# fondo: the forum messages (fr). Keys: the registry in the code that uses them.

# fondo: the statement messages (es). Keys: the registry in the code that uses them.

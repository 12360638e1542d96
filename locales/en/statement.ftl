# fondo: the statement messages (en). Keys: the registry in the code that uses them.

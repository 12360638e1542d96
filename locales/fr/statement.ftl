# fondo: the statement messages (fr). Keys: the registry in the code that uses them.

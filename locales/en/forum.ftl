# fondo: the forum messages (en). Keys: the registry in the code that uses them.

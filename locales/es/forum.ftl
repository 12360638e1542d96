# fondo: the forum messages (es). Keys: the registry in the code that uses them.

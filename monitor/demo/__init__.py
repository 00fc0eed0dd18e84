"""The offline demo: the replay server, its fixtures, the notification sink and the story."""

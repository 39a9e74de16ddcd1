DROP TABLE IF EXISTS session_hosts;

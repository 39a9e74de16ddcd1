DROP TABLE IF EXISTS work_index_state;
DROP TABLE IF EXISTS mt_sessions;
DROP TABLE IF EXISTS wp_dependencies;
DROP TABLE IF EXISTS micro_tasks;
DROP TABLE IF EXISTS work_packets;

-- What each detector keeps between events (Sigma correlation windows, behaviour baselines), per stream. Written in
-- the same transaction as the stream's pipeline_offset row, so a restart resumes the windows at the position they
-- belong to: a half-full window is neither forgotten nor counted twice.
create table detector_state (
    -- the pipeline_offset.consumer of the stream
    stream      varchar(64)  not null,
    -- the detector's id (its detections' detector)
    detector    varchar(64)  not null,
    -- the detector's own versioned format
    state       bytea        not null,
    updated_at  timestamp with time zone not null,
    primary key (stream, detector)
);

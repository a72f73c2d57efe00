-- The dashboard's accounts (package users). A change to a user — a new
-- password, a removal — is a new row with a higher revision; the row with the
-- highest revision of a name is the user now, read with FINAL.
CREATE TABLE IF NOT EXISTS users
(
    name          String COMMENT 'the login name: letters, digits and . _ - @',
    display_name  String COMMENT 'the name the pages show',
    role          Enum8('admin' = 1, 'hr' = 2, 'executive' = 3, 'department_head' = 4, 'analyst' = 5),
    scope         String COMMENT 'for a department_head, the department or division it sees; empty for the other roles',
    password_hash String COMMENT 'bcrypt; empty once the user is removed',
    deleted       UInt8 COMMENT '1 when this revision removes the user',
    revision      UInt64 COMMENT 'grows with every change of the user; the highest is current',
    created_at    DateTime64(3, 'UTC'),
    updated_at    DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(revision)
ORDER BY name

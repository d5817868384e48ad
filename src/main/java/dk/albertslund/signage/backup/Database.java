package dk.albertslund.signage.backup;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The PostgreSQL a backup reads or a restore writes: the server's own datasource settings. */
public record Database(String url, String user, String password) {

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password == null ? "" : password);
    }

    @Override
    public String toString() {
        return url;
    }
}

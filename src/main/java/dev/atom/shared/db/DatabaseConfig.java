package dev.atom.shared.db;

import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The dialect and the one connection pool, built from {@link AtomProperties}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AtomProperties.class)
class DatabaseConfig {

    @Bean
    SqlDialect sqlDialect(AtomProperties properties) {
        return SqlDialect.fromJdbcUrl(properties.jdbcUrl());
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(AtomProperties properties) {
        return DataSources.create(properties);
    }
}

package dk.albertslund.signage.core;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A request body that refuses fields it does not know: a script that sends
 * {@code start_date} or {@code prio} gets a 400 naming the field (and the name it meant)
 * instead of a 201 that silently plays every day at priority 0. Device bodies stay
 * lenient, so a kiosk running an older or newer player is never refused for a field.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@JacksonAnnotationsInside
@JsonIgnoreProperties(ignoreUnknown = false)
public @interface Strict {
}

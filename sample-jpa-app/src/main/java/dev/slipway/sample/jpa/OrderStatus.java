package dev.slipway.sample.jpa;

/** Where an order is; stored by name ({@code varchar} with a check of the names). */
public enum OrderStatus {
    NEW,
    PAID,
    SHIPPED,
    CANCELLED
}

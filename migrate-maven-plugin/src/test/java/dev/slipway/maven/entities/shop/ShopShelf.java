package dev.slipway.maven.entities.shop;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A test entity that another references. */
@Entity
public class ShopShelf {

    @Id
    Long id;

    String label;
}

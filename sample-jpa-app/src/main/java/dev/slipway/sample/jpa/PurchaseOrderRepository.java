package dev.slipway.sample.jpa;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Orders by customer. */
public interface PurchaseOrderRepository extends JpaRepository<PurchaseOrder, Long> {

    List<PurchaseOrder> findByCustomerEmailOrderByPlacedAt(String email);
}
